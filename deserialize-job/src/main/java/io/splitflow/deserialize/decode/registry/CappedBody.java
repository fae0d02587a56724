package io.splitflow.deserialize.decode.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body collected up to a cap: past it, the body fails with {@link TooLarge} and the
 * connection is dropped, so a registry (or a proxy before it) cannot fill the executor's memory. A
 * body that is not wanted (an error status) is not read at all.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

  private final long cap;
  private final boolean wanted;
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private volatile Flow.Subscription subscription;

  private CappedBody(long cap, boolean wanted) {
    this.cap = cap;
    this.wanted = wanted;
  }

  /** The body of a 200 response, up to {@code cap} bytes; an empty array for any other status. */
  static CappedBody forResponse(HttpResponse.ResponseInfo info, long cap) {
    CappedBody subscriber = new CappedBody(cap, info.statusCode() == 200);
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (subscriber.wanted && declared > cap) {
      subscriber.body.completeExceptionally(new TooLarge(cap));
    }
    return subscriber;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (!wanted) {
      body.complete(new byte[0]);
    }
    if (body.isDone()) {
      subscription.cancel();
    } else {
      subscription.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (body.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      if ((long) bytes.size() + buffer.remaining() > cap) {
        body.completeExceptionally(new TooLarge(cap));
        cancel();
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      bytes.write(chunk, 0, chunk.length);
    }
  }

  @Override
  public void onError(Throwable error) {
    body.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    body.complete(bytes.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  /** Drops the connection: the body is too large, or its deadline has passed. */
  void cancel() {
    Flow.Subscription current = subscription;
    if (current != null) {
      current.cancel();
    }
  }

  /** The body passed the cap. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long cap) {
      super("response body over " + cap + " bytes");
    }
  }
}
