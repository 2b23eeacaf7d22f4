package io.patron.common;

import java.lang.management.ManagementFactory;

/** This process's name in claims and logs ({@code pid@host} plus a random part, as a restarted process is another node). */
public final class NodeName {

    private static final String NAME = name();

    private NodeName() {
    }

    public static String get() {
        return NAME;
    }

    private static String name() {
        String process = ManagementFactory.getRuntimeMXBean().getName();
        String suffix = Ids.newId().substring(0, 6);
        return (process.length() > 30 ? process.substring(0, 30) : process) + '-' + suffix;
    }
}
