package org.pgaw.db.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The condition finds a module's own annotation and its programs, skips (or with CI=true fails) on a missing one. */
class MissingProgramsTest {
    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    enum Fake implements ProgramCatalogue {
        THERE(new RequiredProgram("a program that is there", "nothing", () -> true)),
        GONE(new RequiredProgram("a program that is not", "sudo bash .ci/install-gone.sh", () -> false));

        private final RequiredProgram program;

        Fake(RequiredProgram program) {
            this.program = program;
        }

        @Override
        public RequiredProgram program() {
            return program;
        }
    }

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(MissingPrograms.class)
    @interface NeedsFake {
        Fake[] value();
    }

    @NeedsFake(Fake.THERE)
    void needsWhatIsThere() { }

    @NeedsFake({Fake.THERE, Fake.GONE})
    void needsWhatIsNot() { }

    void needsNothing() { }

    @Test
    void aTestWhoseProgramsAreInstalledRuns() throws Exception {
        assertThat(evaluate("needsWhatIsThere").isDisabled()).isFalse();
    }

    @Test
    void aTestWithoutTheAnnotationRuns() throws Exception {
        assertThat(evaluate("needsNothing").isDisabled()).isFalse();
    }

    @Test
    void aMissingProgramIsNamedWithItsInstallCommand() throws Exception {
        String expected = "MissingProgramsTest.needsWhatIsNot needs a program that is not, not installed here; "
                + "install with: sudo bash .ci/install-gone.sh";
        if (CI) {
            assertThatThrownBy(() -> evaluate("needsWhatIsNot")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("CI=true and a program is missing: " + expected);
        } else {
            ConditionEvaluationResult result = evaluate("needsWhatIsNot");
            assertThat(result.isDisabled()).isTrue();
            assertThat(result.getReason()).contains(expected);
        }
    }

    private static ConditionEvaluationResult evaluate(String methodName) throws NoSuchMethodException {
        Method method = MissingProgramsTest.class.getDeclaredMethod(methodName);
        return new MissingPrograms().evaluateExecutionCondition(contextOf(method));
    }

    /** Just what the condition asks of JUnit's context: the element, the test method and class. */
    private static ExtensionContext contextOf(Method method) {
        return (ExtensionContext) Proxy.newProxyInstance(MissingProgramsTest.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, called, args) -> switch (called.getName()) {
                    case "getElement" -> Optional.<AnnotatedElement>of(method);
                    case "getTestMethod" -> Optional.of(method);
                    case "getRequiredTestClass" -> MissingProgramsTest.class;
                    case "getDisplayName" -> method.getName() + "()";
                    default -> throw new UnsupportedOperationException(called.getName());
                });
    }
}
