package io.patron.auth;

import java.util.Locale;

/** Logins compare case-insensitively; this is the normalized form they are stored and looked up by. */
final class LoginKeys {

    private LoginKeys() {
    }

    static String of(String login) {
        return login.trim().toLowerCase(Locale.ROOT);
    }
}
