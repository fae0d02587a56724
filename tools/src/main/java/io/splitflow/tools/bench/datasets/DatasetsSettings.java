package io.splitflow.tools.bench.datasets;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One --datasets run: {@code datasets} small datasets of {@code recordsPerDataset} records each,
 * every job one application in a JVM of {@code jobHeap}, ended by itself (available-now) within
 * {@code jobTimeout}; the three jobs' wall time in all against {@code targetWall}.
 */
public record DatasetsSettings(
    int datasets,
    int recordsPerDataset,
    String jobHeap,
    Duration jobTimeout,
    Duration targetWall,
    Path lake) {

  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("mode", "datasets");
    map.put("datasets", datasets);
    map.put("records_per_dataset", recordsPerDataset);
    map.put("trigger", "available-now");
    map.put("max_offsets_per_trigger", 1);
    map.put("max_files_per_trigger", 1);
    map.put("scheduler_mode", "FAIR");
    map.put("job_heap", jobHeap);
    map.put("target_wall_seconds", targetWall.toSeconds());
    map.put("format", "json");
    map.put("merge_mode", "scd1");
    return map;
  }
}
