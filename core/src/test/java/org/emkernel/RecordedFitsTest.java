package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recorded fits repeat bit for bit: reorganising the code must not move a single double. */
class RecordedFitsTest {
  @Test
  void everyRecordedFitRepeatsBitForBit() throws IOException {
    Map<String, long[]> recorded = new LinkedHashMap<>();
    try (InputStream in = RecordedFitsTest.class.getClassLoader().getResourceAsStream(RecordedFits.RESOURCE)) {
      assertNotNull(in, RecordedFits.RESOURCE);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] parts = line.trim().split(" ");
        long[] bits = new long[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
          bits[i - 1] = Long.parseUnsignedLong(parts[i], 16);
        }
        recorded.put(parts[0], bits);
      }
    }
    Map<String, double[]> now = RecordedFits.compute();
    assertEquals(recorded.keySet(), now.keySet());
    for (Map.Entry<String, double[]> e : now.entrySet()) {
      long[] want = recorded.get(e.getKey());
      double[] got = e.getValue();
      assertEquals(want.length, got.length, e.getKey());
      for (int i = 0; i < got.length; i++) {
        assertEquals(Double.longBitsToDouble(want[i]), got[i], 0.0, e.getKey() + " value " + i);
        assertEquals(want[i], Double.doubleToRawLongBits(got[i]), e.getKey() + " bits of value " + i);
      }
    }
  }
}
