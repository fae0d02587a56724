package io.splitflow.tools.it;

import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.tools.audit.Audit;
import io.splitflow.tools.audit.AuditReport;
import io.splitflow.tools.audit.AuditResult;
import org.apache.spark.sql.SparkSession;

/**
 * For any integration test that must end with nothing lost and nothing twice: run the audit on a
 * pipeline's dataset and fail with its full report when the books do not balance.
 */
final class AuditAssertions {
  private AuditAssertions() {}

  static AuditResult assertBalanced(Pipeline pipeline) {
    return assertBalanced(pipeline.spark, pipeline.config, pipeline.dataset.name());
  }

  static AuditResult assertBalanced(SparkSession spark, SplitflowConfig config, String dataset) {
    AuditResult result = audit(spark, config, dataset);
    if (!result.balanced()) {
      throw new AssertionError(
          "the books of " + dataset + " do not balance:\n" + AuditReport.text(result));
    }
    return result;
  }

  static AuditResult audit(Pipeline pipeline) {
    return audit(pipeline.spark, pipeline.config, pipeline.dataset.name());
  }

  static AuditResult audit(SparkSession spark, SplitflowConfig config, String dataset) {
    return Audit.run(spark, config, dataset);
  }
}
