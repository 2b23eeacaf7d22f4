package io.patron.automation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** The step kinds scenarios can use: every {@link AutomationStep} bean, by its kind. */
@Component
class StepKinds {

    private final Map<String, AutomationStep> byKind;

    StepKinds(List<AutomationStep> steps) {
        this.byKind = steps.stream().collect(Collectors.toMap(AutomationStep::kind, Function.identity()));
    }

    Optional<AutomationStep> get(String kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    Set<String> kinds() {
        return new TreeSet<>(byKind.keySet());
    }
}
