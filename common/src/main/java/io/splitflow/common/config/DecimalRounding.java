package io.splitflow.common.config;

/**
 * What the JSON decoder does with a number that has more digits after the point than its {@code
 * decimal(p,s)} field's scale: refuse it (a WRONG_TYPE dead letter, the default) or round it half
 * to even ({@code decimal-rounding: half-even}). A number with more integer digits than {@code p -
 * s} never fits, rounded or not.
 */
public enum DecimalRounding {
  REFUSE,
  HALF_EVEN
}
