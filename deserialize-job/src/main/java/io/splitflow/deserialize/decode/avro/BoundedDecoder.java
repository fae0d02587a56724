package io.splitflow.deserialize.decode.avro;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro's binary decoder over one value, refusing lengths and item counts larger than the bytes
 * left. Avro allocates a string, bytes or array of the declared size before reading it, so without
 * this a few garbage bytes declaring a 2 GB string would exhaust the executor's heap. Items of
 * arrays and maps are also counted against the whole value: a value holds at most as many items,
 * over all its blocks, as it has bytes. Without that budget, items of zero bytes (nulls, empty
 * records) let a value chain blocks that each declare as many items as there are bytes after them,
 * and decoding it costs the square of its size. Only zero-byte items could legitimately be more
 * than the bytes; such values are refused too. Strings must be valid UTF-8, as JSON values must.
 *
 * <p>Not thread-safe; reused value after value.
 */
final class BoundedDecoder extends Decoder {

  private final byte[] oneByte = new byte[1];
  private BinaryDecoder in;
  private int end;
  private int indexAt;
  private long itemBudget;
  private long itemsSeen;

  void reset(byte[] bytes, int offset) throws IOException {
    in = DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, in);
    end = bytes.length;
    itemBudget = bytes.length - offset;
    itemsSeen = 0;
  }

  /** Where the next byte is read, counted from the start of the whole value. */
  int position() throws IOException {
    return end - left();
  }

  int left() throws IOException {
    return in.inputStream().available();
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = length(in.readLong(), "a string");
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(length);
    in.readFixed(result.getBytes(), 0, length);
    requireUtf8(result.getBytes(), length);
    return result;
  }

  @Override
  public String readString() throws IOException {
    return readString((Utf8) null).toString();
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int length = length(in.readLong(), "bytes");
    byte[] bytes = new byte[length];
    in.readFixed(bytes, 0, length);
    return ByteBuffer.wrap(bytes);
  }

  @Override
  public long readArrayStart() throws IOException {
    return items(in.readArrayStart(), "an array");
  }

  @Override
  public long arrayNext() throws IOException {
    return items(in.arrayNext(), "an array");
  }

  @Override
  public long skipArray() throws IOException {
    return items(in.skipArray(), "an array");
  }

  @Override
  public long readMapStart() throws IOException {
    return items(in.readMapStart(), "a map");
  }

  @Override
  public long mapNext() throws IOException {
    return items(in.mapNext(), "a map");
  }

  @Override
  public long skipMap() throws IOException {
    return items(in.skipMap(), "a map");
  }

  private int length(long length, String what) throws IOException {
    if (length < 0) {
      throw new MalformedAvroException(
          String.format("%s of negative length %d at byte %d", what, length, position()));
    }
    if (length > left()) {
      throw new MalformedAvroException(
          String.format(
              "%s of %d bytes at byte %d does not fit in the %d-byte value",
              what, length, position(), end));
    }
    return (int) length;
  }

  private long items(long count, String what) throws IOException {
    if (count > left()) {
      throw new MalformedAvroException(
          String.format(
              "%s block of %d items at byte %d does not fit in the %d-byte value",
              what, count, position(), end));
    }
    if (count > 0) {
      itemsSeen += count;
      if (itemsSeen > itemBudget) {
        throw new MalformedAvroException(
            String.format(
                "%s block at byte %d brings the value to %d items in its arrays and maps, more"
                    + " than its %d bytes can hold",
                what, position(), itemsSeen, itemBudget));
      }
    }
    return count;
  }

  private void requireUtf8(byte[] bytes, int length) throws IOException {
    for (int i = 0; i < length; i++) {
      if (bytes[i] < 0) {
        try {
          UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length));
        } catch (CharacterCodingException e) {
          throw new MalformedAvroException(
              "invalid UTF-8 in the string at byte " + (position() - length));
        }
        return;
      }
    }
  }

  @Override
  public void readNull() throws IOException {
    in.readNull();
  }

  @Override
  public boolean readBoolean() throws IOException {
    in.readFixed(oneByte, 0, 1);
    if (oneByte[0] != 0 && oneByte[0] != 1) {
      throw new MalformedAvroException(
          String.format(
              "a boolean at byte %d is 0x%02x, not 0 or 1", position() - 1, oneByte[0] & 0xff));
    }
    return oneByte[0] == 1;
  }

  @Override
  public int readInt() throws IOException {
    return in.readInt();
  }

  @Override
  public long readLong() throws IOException {
    return in.readLong();
  }

  @Override
  public float readFloat() throws IOException {
    return in.readFloat();
  }

  @Override
  public double readDouble() throws IOException {
    return in.readDouble();
  }

  @Override
  public void skipString() throws IOException {
    // Avro would skip a negative length backwards
    in.skipFixed(length(in.readLong(), "a string"));
  }

  @Override
  public void skipBytes() throws IOException {
    in.skipFixed(length(in.readLong(), "bytes"));
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    in.readFixed(bytes, start, length);
  }

  @Override
  public void skipFixed(int length) throws IOException {
    in.skipFixed(length);
  }

  @Override
  public int readEnum() throws IOException {
    indexAt = position();
    return in.readEnum();
  }

  @Override
  public int readIndex() throws IOException {
    indexAt = position();
    return in.readIndex();
  }

  /** Where the last union branch or enum symbol index was read, which Avro does not check. */
  int indexAt() {
    return indexAt;
  }
}
