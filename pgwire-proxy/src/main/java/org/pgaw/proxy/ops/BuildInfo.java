package org.pgaw.proxy.ops;

/** The version written into the executable jar's manifest; "development" when run from classes (tests, IDE). */
public final class BuildInfo {
    private BuildInfo() { }

    public static String version() {
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "development" : v;
    }
}
