package io.splitflow.deserialize.rules;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import org.apache.spark.sql.Column;

/** Creates {@link BronzeRule}s by class name and asks them for their condition. */
final class JavaRules {
  private JavaRules() {}

  static Column condition(String rule, String className) {
    BronzeRule instance = instantiate(rule, className);
    Column condition;
    try {
      condition = instance.passes();
    } catch (RuntimeException e) {
      throw RuleErrors.passesFailed(rule, className, "threw " + e, e);
    }
    if (condition == null) {
      throw RuleErrors.passesFailed(
          rule, className, "returned null; return a boolean Column", null);
    }
    return condition;
  }

  private static BronzeRule instantiate(String rule, String className) {
    Class<?> type = load(rule, className);
    if (!BronzeRule.class.isAssignableFrom(type)) {
      throw RuleErrors.notABronzeRule(rule, className);
    }
    if (Modifier.isAbstract(type.getModifiers())) {
      throw RuleErrors.cannotCreate(rule, className, "it is abstract; name a concrete class", null);
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw RuleErrors.cannotCreate(
          rule, className, "it has no public no-argument constructor; add one", e);
    }
    try {
      return (BronzeRule) constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw RuleErrors.cannotCreate(
          rule, className, "its constructor threw " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      // a public constructor of a class that is not itself public
      throw RuleErrors.cannotCreate(rule, className, e + "; make the class public", e);
    }
  }

  private static Class<?> load(String rule, String className) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      // the context loader sees jars added with spark-submit --jars
      return Class.forName(
          className, true, loader != null ? loader : JavaRules.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw RuleErrors.classNotFound(rule, className, e);
    } catch (LinkageError e) {
      // a missing dependency of the class, or its static initialiser failed
      throw RuleErrors.cannotCreate(rule, className, "loading it failed: " + e, e);
    }
  }
}
