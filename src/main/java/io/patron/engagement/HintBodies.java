package io.patron.engagement;

import java.time.LocalDateTime;
import java.util.List;

/** Response bodies of hints, audiences and customer engagement setups. */
final class HintBodies {

    private HintBodies() {
    }

    record Hint(String recommendationId, String name, String briefDescription, String detailedDescription,
                String content, List<String> pictureUrls, String webUrl, LocalDateTime lastChange, Integer state) {
    }

    record Audience(String audienceId, String name, String communicationChannelId, Integer state,
                    LocalDateTime lastChange) {
    }

    record Setup(String setupId, String setup, Integer state) {
    }
}
