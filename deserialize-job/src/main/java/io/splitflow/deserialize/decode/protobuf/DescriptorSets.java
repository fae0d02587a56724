package io.splitflow.deserialize.decode.protobuf;

import com.google.protobuf.AnyProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.WrappersProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds a message in a serialized {@code FileDescriptorSet}, as {@code protoc --include_imports
 * --descriptor_set_out} writes it, building only the file that declares the message and the files
 * it imports, in whatever order the set lists them. The well-known types that ship with
 * protobuf-java stand in for their files when the set lacks them (protoc run without {@code
 * --include_imports}).
 */
final class DescriptorSets {

  private static final Map<String, FileDescriptor> BUNDLED =
      Stream.of(
              TimestampProto.getDescriptor(),
              DurationProto.getDescriptor(),
              WrappersProto.getDescriptor(),
              StructProto.getDescriptor(),
              AnyProto.getDescriptor(),
              EmptyProto.getDescriptor(),
              FieldMaskProto.getDescriptor(),
              DescriptorProtos.getDescriptor())
          .collect(Collectors.toMap(FileDescriptor::getName, Function.identity()));

  private static final int LISTED_MESSAGES = 20;

  private final String source;
  private final Map<String, FileDescriptorProto> protos = new HashMap<>();
  private final Map<String, FileDescriptor> built = new HashMap<>();

  private DescriptorSets(String source, FileDescriptorSet set) {
    this.source = source;
    for (FileDescriptorProto file : set.getFileList()) {
      protos.putIfAbsent(file.getName(), file);
    }
  }

  /** The bytes of a descriptor set file; IllegalArgumentException naming it if unreadable. */
  static byte[] read(String file) {
    try {
      return java.nio.file.Files.readAllBytes(java.nio.file.Path.of(file));
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "protobuf descriptor set " + file + " cannot be read: " + e, e);
    }
  }

  /**
   * The descriptor of {@code messageName} (fully qualified, without a leading dot); an
   * IllegalArgumentException naming {@code source} if the bytes are not a descriptor set, the
   * message is not in it, or a file it needs is missing or invalid.
   */
  static Descriptor message(byte[] descriptorSet, String source, String messageName) {
    FileDescriptorSet set;
    try {
      set = FileDescriptorSet.parseFrom(descriptorSet);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          source + " is not a protobuf descriptor set: " + e.getMessage(), e);
    }
    return new DescriptorSets(source, set).find(messageName);
  }

  private Descriptor find(String messageName) {
    List<String> declared = new ArrayList<>();
    for (FileDescriptorProto file : protos.values()) {
      String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
      for (DescriptorProto message : file.getMessageTypeList()) {
        collect(message, prefix, declared);
      }
      if (declared.contains(messageName)) {
        return find(build(file.getName(), new LinkedHashSet<>()).getMessageTypes(), messageName);
      }
    }
    declared.sort(null);
    String listed =
        declared.isEmpty()
            ? "none"
            : String.join(", ", declared.subList(0, Math.min(LISTED_MESSAGES, declared.size())))
                + (declared.size() > LISTED_MESSAGES ? ", ..." : "");
    throw new IllegalArgumentException(
        "message " + messageName + " is not in " + source + "; its messages: " + listed);
  }

  private static void collect(DescriptorProto message, String prefix, List<String> names) {
    String name = prefix + message.getName();
    names.add(name);
    for (DescriptorProto nested : message.getNestedTypeList()) {
      collect(nested, name + ".", names);
    }
  }

  private static Descriptor find(List<Descriptor> messages, String fullName) {
    for (Descriptor message : messages) {
      if (message.getFullName().equals(fullName)) {
        return message;
      }
      Descriptor nested = find(message.getNestedTypes(), fullName);
      if (nested != null) {
        return nested;
      }
    }
    return null;
  }

  private FileDescriptor build(String name, Set<String> importers) {
    FileDescriptor file = built.get(name);
    if (file != null) {
      return file;
    }
    FileDescriptorProto proto = protos.get(name);
    if (proto == null) {
      file = BUNDLED.get(name);
      if (file == null) {
        throw new IllegalArgumentException(
            source
                + " lacks "
                + name
                + ", imported by "
                + List.copyOf(importers).get(importers.size() - 1)
                + "; write the set with protoc --include_imports");
      }
      return file;
    }
    if (!importers.add(name)) {
      throw new IllegalArgumentException(
          source + ": " + name + " imports itself through " + String.join(" -> ", importers));
    }
    FileDescriptor[] dependencies = new FileDescriptor[proto.getDependencyCount()];
    for (int i = 0; i < dependencies.length; i++) {
      dependencies[i] = build(proto.getDependency(i), importers);
    }
    importers.remove(name);
    try {
      file = FileDescriptor.buildFrom(proto, dependencies);
    } catch (DescriptorValidationException e) {
      throw new IllegalArgumentException(
          source + ": " + name + " is not a valid protobuf file: " + e.getMessage(), e);
    }
    built.put(name, file);
    return file;
  }
}
