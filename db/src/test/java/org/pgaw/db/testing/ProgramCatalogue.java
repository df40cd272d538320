package org.pgaw.db.testing;

/**
 * What each module's {@code Program} enum offers {@link MissingPrograms}: every module lists the programs its own
 * tests run (with its own install script), as an enum so that a test can name them in its {@code @NeedsPrograms}.
 */
public interface ProgramCatalogue {
    RequiredProgram program();
}
