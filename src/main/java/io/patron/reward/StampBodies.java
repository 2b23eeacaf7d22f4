package io.patron.reward;

import java.time.LocalDateTime;
import java.util.List;

/** Response bodies of the stamper: stamp campaigns with their conditions and checkpoints, cards and stamps. */
public final class StampBodies {

    private StampBodies() {
    }

    public record StamperCondition(String stamperConditionId, String description) {
    }

    public record StamperBonusCheckpoint(String stamperBonusCheckpointId, String description, Integer stampNumber) {
    }

    public record StamperCampaign(String stamperCampaignId, String partnerId, String name, String description,
                                  Integer stampCount, LocalDateTime validFrom, LocalDateTime validTo,
                                  Integer countOfCampaignRepetitions, List<StamperCondition> stamperConditions,
                                  List<StamperBonusCheckpoint> stamperBonusCheckpoints, LocalDateTime lastChange,
                                  Integer state) {
        StamperCampaign with(List<StamperCondition> conditions, List<StamperBonusCheckpoint> checkpoints) {
            return new StamperCampaign(stamperCampaignId, partnerId, name, description, stampCount, validFrom,
                    validTo, countOfCampaignRepetitions, conditions, checkpoints, lastChange, state);
        }
    }

    public record StamperStamp(String stampId, String customerId, String purchaseId, String stamperCardId,
                               Integer stampOrder, String stamperConditionId, LocalDateTime createdAt,
                               LocalDateTime lastChange, Integer state) {
    }

    public record StamperCard(String stamperCardId, String stamperCampaignId, String customerId,
                              Integer stamperCardOrder, Boolean isFilledUp, List<StamperStamp> stamps,
                              LocalDateTime createdAt, LocalDateTime lastChange, Integer state) {
        StamperCard with(List<StamperStamp> cardStamps) {
            return new StamperCard(stamperCardId, stamperCampaignId, customerId, stamperCardOrder, isFilledUp,
                    cardStamps, createdAt, lastChange, state);
        }
    }
}
