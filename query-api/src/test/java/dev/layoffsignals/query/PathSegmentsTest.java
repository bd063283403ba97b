package dev.layoffsignals.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathSegmentsTest {

  @Test
  void keepsUnreservedAndEncodesTheRestAsUtf8() {
    assertThat(PathSegments.encode("lfyi-0a1B_c.d~e")).isEqualTo("lfyi-0a1B_c.d~e");
    assertThat(PathSegments.encode("art 1#société/x?y+z")).isEqualTo("art%201%23soci%C3%A9t%C3%A9%2Fx%3Fy%2Bz");
  }
}
