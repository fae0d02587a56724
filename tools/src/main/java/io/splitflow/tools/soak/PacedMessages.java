package io.splitflow.tools.soak;

import io.splitflow.tools.generate.Message;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;

/**
 * A generator's messages at a steady rate until a deadline: message {@code n} is released at {@code
 * start + n / rate}, so a slow send is caught up on rather than lost.
 */
public final class PacedMessages implements Iterator<Message> {
  private final Iterator<Message> messages;
  private final double perSecond;
  private final long startNanos;
  private final long deadlineNanos;
  private long released;

  public PacedMessages(Iterator<Message> messages, double perSecond, long durationNanos) {
    this.messages = messages;
    this.perSecond = perSecond;
    this.startNanos = System.nanoTime();
    this.deadlineNanos = startNanos + durationNanos;
  }

  @Override
  public boolean hasNext() {
    return messages.hasNext() && System.nanoTime() < deadlineNanos;
  }

  @Override
  public Message next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the soak's producing time is over");
    }
    long due = startNanos + (long) (released / perSecond * 1e9);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while pacing the generator", e);
      }
    }
    released++;
    return messages.next();
  }
}
