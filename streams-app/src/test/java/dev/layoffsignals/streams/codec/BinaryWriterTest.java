package dev.layoffsignals.streams.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BinaryWriterTest {

  @Test
  @DisplayName("writes the bytes DataOutputStream writes for the same fields: stored state stays readable")
  void sameBytesAsDataOutputStream() throws IOException {
    SplittableRandom random = new SplittableRandom(3);
    for (int run = 0; run < 2_000; run++) {
      BinaryWriter writer = new BinaryWriter();
      ByteArrayOutputStream expectedBytes = new ByteArrayOutputStream();
      DataOutputStream expected = new DataOutputStream(expectedBytes);
      int fields = random.nextInt(60);
      for (int f = 0; f < fields; f++) {
        switch (random.nextInt(6)) {
          case 0 -> {
            int b = random.nextInt(256) - 128;
            writer.writeByte(b);
            expected.writeByte(b);
          }
          case 1 -> {
            int i = random.nextInt();
            writer.writeInt(i);
            expected.writeInt(i);
          }
          case 2 -> {
            long l = random.nextLong();
            writer.writeLong(l);
            expected.writeLong(l);
          }
          case 3 -> {
            double d = switch (random.nextInt(4)) {
              case 0 -> Double.NaN;
              case 1 -> -0.0;
              default -> random.nextDouble(-1e6, 1e6);
            };
            writer.writeDouble(d);
            expected.writeDouble(d);
          }
          case 4 -> {
            String s = "Société Générale ".repeat(random.nextInt(20)) + random.nextInt();
            writer.writeString(s);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            expected.writeInt(utf8.length);
            expected.write(utf8);
          }
          default -> {
            boolean b = random.nextBoolean();
            writer.writeBoolean(b);
            expected.writeByte(b ? 1 : 0);
          }
        }
      }
      assertThat(writer.toByteArray()).isEqualTo(expectedBytes.toByteArray());
    }
  }

  @Test
  @DisplayName("a length-prefixed block is written as writeBytes writes the same bytes")
  void lengthPrefixedBlockIsWriteBytes() throws IOException {
    SplittableRandom random = new SplittableRandom(5);
    for (int run = 0; run < 200; run++) {
      byte[] body = new byte[random.nextInt(5_000)];
      for (int i = 0; i < body.length; i++) {
        body[i] = (byte) random.nextInt(256);
      }
      BinaryWriter direct = new BinaryWriter().writeByte(7);
      direct.writeLengthPrefixed(out -> {
        out.write(body, 0, body.length / 2);
        for (int i = body.length / 2; i < body.length; i++) {
          out.write(body[i]);
        }
      }).writeInt(42);
      BinaryWriter copied = new BinaryWriter().writeByte(7).writeBytes(body).writeInt(42);
      assertThat(direct.toByteArray()).isEqualTo(copied.toByteArray());
    }
  }
}
