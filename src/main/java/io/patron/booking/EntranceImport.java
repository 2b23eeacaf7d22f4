package io.patron.booking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import io.patron.booking.EntranceBodies.EntranceRecord;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.jobs.CoordinatedJob;

/**
 * How charged entrances arrive: no CareCloud operation writes them, so POS and turnstile systems (or their
 * adapters) drop JSON-lines files into the inbox directory {@code patron.entrances.inbox} (one entrance per line,
 * see {@link EntranceRecord}); the {@code entrance-inbox} job records every line (insert or update by POS and
 * external id, each line in its own transaction), moves the file to {@code done/} and writes the lines it refused,
 * with the reason, beside it as {@code <file>.errors}. The project file's {@code entrances} section (the demo) goes
 * through the same recording.
 */
@Component
class EntranceImport implements ProjectImport {

    private static final Logger log = LoggerFactory.getLogger(EntranceImport.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    private final EntranceService entrances;
    private final String inbox;

    EntranceImport(EntranceService entrances, @Value("${patron.entrances.inbox:}") String inbox) {
        this.entrances = entrances;
        this.inbox = inbox;
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public void apply(ProjectFile file) {
        for (EntranceRecord entrance : file.section("entrances", EntranceRecord.class)) {
            try {
                entrances.record(entrance);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("entrances: " + e.getMessage(), e);
            }
        }
    }

    @CoordinatedJob(name = "entrance-inbox", every = "1m")
    public void importInbox() {
        if (inbox == null || inbox.isBlank()) {
            return;
        }
        importDirectory(Path.of(inbox));
    }

    /** Imports every {@code *.jsonl} file of the directory; returns how many entrances it recorded. */
    int importDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int recorded = 0;
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            log.warn("Cannot list the entrance inbox {}: {}", directory, e.getMessage());
            return 0;
        }
        for (Path file : files) {
            List<String> refused = new ArrayList<>();
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).trim();
                    if (line.isEmpty()) {
                        continue;
                    }
                    try {
                        entrances.record(JSON.readValue(line, EntranceRecord.class));
                        recorded++;
                    } catch (RuntimeException e) {
                        refused.add("line " + (i + 1) + ": " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
                    }
                }
                Path done = Files.createDirectories(directory.resolve("done"));
                Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                if (!refused.isEmpty()) {
                    Files.write(done.resolve(file.getFileName() + ".errors"), refused, StandardCharsets.UTF_8);
                    log.warn("Entrance import {}: {} line(s) refused", file.getFileName(), refused.size());
                }
            } catch (IOException e) {
                log.warn("Cannot import the entrance file {}: {}", file, e.getMessage());
            }
        }
        return recorded;
    }
}
