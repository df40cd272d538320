package org.pgaw.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HierarchyIdTest {
    @Test
    void decodesTheDocumentedExamples() {
        assertThat(HierarchyId.pathFromHex("")).isEqualTo("/");
        assertThat(HierarchyId.pathFromHex(null)).isEqualTo("/");
        assertThat(HierarchyId.pathFromHex("58")).isEqualTo("/1/");
        assertThat(HierarchyId.pathFromHex("5AC0")).isEqualTo("/1/1/");
        assertThat(HierarchyId.pathFromHex("7C20")).isEqualTo("/3/4/");
        // [MS-SSCLRT] example 2: a negative, dotted label and a label from the 16..79 range.
        assertThat(HierarchyId.pathFromHex("59FB0540")).isEqualTo("/1/-2.18/");
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> HierarchyId.pathFromHex("5")).hasMessageContaining("odd number");
        assertThatThrownBy(() -> HierarchyId.pathFromHex("0F")).hasMessageContaining("unknown label pattern");
    }

    /** Employee.csv carries SQL Server's own OrganizationLevel next to each node: the decoded depth must match it. */
    @Test
    void employeeNodesMatchTheirLevelsAndFormOneTree() throws Exception {
        Map<String, Integer> depthByPath = new HashMap<>();
        checkLevels(TestData.mirror().resolve("Employee.csv"), "humanresources.employee", 3, 4, depthByPath);
        assertThat(depthByPath).hasSize(290).containsEntry("/", 0);
        for (String p : depthByPath.keySet()) {
            if (p.equals("/")) continue;
            assertThat(depthByPath).as("parent of " + p).containsKey(p.substring(0, p.lastIndexOf('/', p.length() - 2) + 1));
        }
    }

    @Test
    void documentNodesMatchTheirLevels() throws Exception {
        Map<String, Integer> depthByPath = new HashMap<>();
        checkLevels(TestData.mirror().resolve("Document.csv"), "production.document", 0, 1, depthByPath);
        assertThat(depthByPath).hasSize(13).containsKeys("/", "/1/", "/3/4/");
    }

    private static void checkLevels(Path file, String table, int nodeField, int levelField, Map<String, Integer> out)
            throws Exception {
        TablePlan plan = LoadPlan.standard().tables().stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow();
        try (RecordReader r = RecordReader.open(file, plan)) {
            for (SourceRecord rec; (rec = r.next()) != null; ) {
                String path = HierarchyId.pathFromHex(rec.fields().get(nodeField));
                int depth = (int) path.chars().filter(c -> c == '/').count() - 1;
                assertThat(depth).as("line " + rec.line() + " " + path).isEqualTo(Integer.parseInt(rec.fields().get(levelField)));
                out.put(path, depth);
            }
        }
    }
}
