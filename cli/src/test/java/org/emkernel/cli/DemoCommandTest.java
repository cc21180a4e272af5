package org.emkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The demo prints every number of the chapter's Tables 6.1-6.4, (6.10) and (6.14). */
class DemoCommandTest {
  static final String[] NUMBERS = {
      // Table 6.1
      "0.5674795", "0.4124300", "0.0200905",
      "0.4568744", "0.4980674", "0.0450583",
      "0.3436451", "0.5619435", "0.0944114",
      "0.2370680", "0.5814960", "0.1814361",
      "0.1468149", "0.5401758", "0.3130094",
      // (6.10) expected counts
      "6.6744913", "10.5237552", "2.8017535",
      // Table 6.2
      "2.2699180", "1.6497199", "0.0803621",
      "0.9137487", "0.9961348", "0.0901165",
      "1.7182254", "2.8097177", "0.4720569",
      "1.1853398", "2.9074798", "0.9071804",
      "0.5872594", "2.1607030", "1.2520376",
      // Table 6.3 and (6.13)
      "23.60424", "45.02833", "14.36743", "23.6042391",
      // (6.14)
      "0.3337246", "0.5261878", "0.1400877",
      // Table 6.4
      "0.3536485", "0.4278732", "0.5128013"};

  @Test
  void printsEveryNumberOfTheChapterTables() {
    CliRunner.Result r = CliRunner.run("", "demo");
    assertEquals(0, r.code, r.toString());
    for (String n : NUMBERS) {
      assertTrue(r.out.contains(n), "demo output lacks " + n + ":\n" + r.out);
    }
    // Table 6.1's rows, outcome and occurrences first.
    assertTrue(r.out.contains("2\t4\t0.5674795\t0.4124300\t0.0200905\n"), r.out);
    assertTrue(r.out.contains("6\t4\t0.1468149\t0.5401758\t0.3130094\n"), r.out);
    assertTrue(r.out.contains("w_1(1) = 0.3337246\n"), r.out);
    assertTrue(r.out.contains("converged true"), r.out);
    // Why the three biases meet: 83 heads in 200 flips; the counts' variance 1.9275 is below one coin's 2.42775.
    assertTrue(r.out.contains("The biases meet at the overall heads rate, 83/200 = 0.415: the 20 counts vary less "
        + "(variance 1.93) than one such coin's would (10 x 0.415 x 0.585 = 2.43), and mixing coins only adds variance, "
        + "so the best fit is one coin."), r.out);
    assertEquals("", r.err);
  }
}
