package io.splitflow.deserialize.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RuleSpecTest {
  @Test
  void aRuleHasExactlyOneOfExprAndClass() {
    assertThatThrownBy(
            () -> new RuleSpec("in_range", "reading > 0", "com.acme.Rule", RuleAction.WARN))
        .isInstanceOf(RuleException.class)
        .hasMessage(
            "rules.in_range: has both expr and class; give exactly one: expr for a SQL condition,"
                + " class for a Java BronzeRule");
    assertThatThrownBy(() -> new RuleSpec("in_range", null, null, RuleAction.WARN))
        .hasMessage(
            "rules.in_range: has neither expr nor class; give exactly one: expr for a SQL"
                + " condition, class for a Java BronzeRule");
  }

  @Test
  void aRuleNeedsANameAndAnAction() {
    assertThatThrownBy(() -> RuleSpec.sql(" ", "reading > 0", RuleAction.WARN))
        .hasMessage("rules: a rule has no name; give every rule a unique name");
    assertThatThrownBy(() -> RuleSpec.sql("in_range", "reading > 0", null))
        .hasMessage("rules.in_range: action is missing; use dead-letter, drop, warn or fail");
    assertThatThrownBy(() -> RuleSpec.sql("in_range", "  ", RuleAction.WARN))
        .hasMessage("rules.in_range: expr is empty");
  }

  @Test
  void actionsHaveTheirConfigurationNames() {
    assertThat(RuleAction.DEAD_LETTER.configName()).isEqualTo("dead-letter");
    assertThat(RuleAction.FAIL.configName()).isEqualTo("fail");
  }
}
