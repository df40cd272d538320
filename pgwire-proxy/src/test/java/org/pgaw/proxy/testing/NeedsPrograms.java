package org.pgaw.proxy.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgaw.db.testing.MissingPrograms;

/**
 * A test (class or method) that runs these real programs: skipped with one loud line naming the missing ones and
 * their install command, failed with {@code CI=true} (see {@link MissingPrograms}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(MissingPrograms.class)
public @interface NeedsPrograms {
    Program[] value();
}
