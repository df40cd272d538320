package org.pgaw.db.testing;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The condition behind each module's {@code @NeedsPrograms}: a test (class or method) that runs real programs. When
 * one is not installed the test is skipped with ONE loud line on stderr naming the program and the command that
 * installs it, so {@code ./mvnw verify} on a machine with only a JDK passes and says what it did not test. With
 * {@code CI=true} a missing program fails the test instead: CI runs everything.
 *
 * <p>A module's annotation is {@code @ExtendWith(MissingPrograms.class)} with a {@code value()} of its own
 * {@link ProgramCatalogue} enum; annotations cannot share an element type across modules, the logic can.
 */
public final class MissingPrograms implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<RequiredProgram> needs = context.getElement().map(MissingPrograms::needs).orElse(List.of());
        if (needs.isEmpty()) return ConditionEvaluationResult.enabled("needs no program");
        List<RequiredProgram> missing = needs.stream().filter(p -> !p.installed()).toList();
        if (missing.isEmpty()) return ConditionEvaluationResult.enabled("every program it needs is installed");
        String test = context.getTestMethod().map(m -> context.getRequiredTestClass().getSimpleName() + "." + m.getName())
                .orElse(context.getDisplayName());
        String what = test + " needs " + missing.stream().map(RequiredProgram::toString)
                .collect(Collectors.joining(", ")) + ", not installed here; install with: " + missing.stream()
                .map(RequiredProgram::install).distinct().collect(Collectors.joining(" && "));
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and a program is missing: " + what);
        }
        System.err.println("pgaw: SKIPPED " + what);
        return ConditionEvaluationResult.disabled(what);
    }

    /** The programs named by the annotations on the element that bring this condition along. */
    private static List<RequiredProgram> needs(AnnotatedElement element) {
        List<RequiredProgram> needs = new ArrayList<>();
        for (Annotation a : element.getAnnotations()) {
            ExtendWith extensions = a.annotationType().getAnnotation(ExtendWith.class);
            if (extensions == null || !Arrays.asList(extensions.value()).contains(MissingPrograms.class)) continue;
            for (Object p : (Object[]) valueOf(a)) needs.add(((ProgramCatalogue) p).program());
        }
        return needs;
    }

    private static Object valueOf(Annotation a) {
        try {
            return a.annotationType().getMethod("value").invoke(a);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("@" + a.annotationType().getSimpleName()
                    + " must have a value() of a ProgramCatalogue enum to work with MissingPrograms", e);
        }
    }
}
