package dev.layoffsignals.streams;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Trading days of a test: weekdays between two dates, without the given holidays. */
final class Sessions {

  private Sessions() {
  }

  static List<LocalDate> between(LocalDate first, LocalDate last, Set<LocalDate> holidays) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(d)) {
        days.add(d);
      }
    }
    return days;
  }
}
