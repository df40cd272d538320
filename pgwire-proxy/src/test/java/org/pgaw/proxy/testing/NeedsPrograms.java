package org.pgaw.proxy.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A test (class or method) that runs real programs. When one is not installed the test is skipped with ONE loud line
 * on stderr naming the program and the command that installs it, so {@code ./mvnw verify} on a machine with only a
 * JDK passes and says what it did not test. With {@code CI=true} a missing program fails the test instead: CI runs
 * everything.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsPrograms.Check.class)
public @interface NeedsPrograms {
    Program[] value();

    final class Check implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            var needs = AnnotationSupport.findAnnotation(context.getElement(), NeedsPrograms.class);
            if (needs.isEmpty()) return ConditionEvaluationResult.enabled("needs no program");
            List<Program> missing = Arrays.stream(needs.get().value()).filter(p -> !p.installed()).toList();
            if (missing.isEmpty()) return ConditionEvaluationResult.enabled("every program it needs is installed");
            String test = context.getTestMethod().map(m -> context.getRequiredTestClass().getSimpleName() + "." + m.getName())
                    .orElse(context.getDisplayName());
            String what = test + " needs " + missing.stream().map(Program::toString)
                    .collect(Collectors.joining(", ")) + ", not installed here; install with: " + missing.stream()
                    .map(Program::install).distinct().collect(Collectors.joining(" && "));
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true and a program is missing: " + what);
            }
            System.err.println("pgaw: SKIPPED " + what);
            return ConditionEvaluationResult.disabled(what);
        }
    }
}
