package cn.onenet.routing.sla;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One year of the official working-day calendar: the public holidays (法定节假日, every day off of each holiday
 * period) and the make-up workdays (调休上班日, weekend days that are worked). Every other day is a working day
 * from Monday to Friday and a day off on Saturday and Sunday.
 *
 * @param status {@link Status#OFFICIAL} once the State Council's arrangement is entered,
 *        {@link Status#PROVISIONAL} while only the statutory days are known
 * @param source where the dates come from, e.g. the notice's number
 */
public record CalendarYear(int year, Status status, String source, List<Day> holidays, List<Day> workdays,
        Instant updatedAt, String updatedBy) {

    public CalendarYear {
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        workdays = workdays == null ? List.of() : List.copyOf(workdays);
    }

    public enum Status {
        OFFICIAL, PROVISIONAL
    }

    /** A dated day with what it is, e.g. 2026-10-01 国庆节. */
    public record Day(LocalDate date, String name) {
    }

    /** What a date is under this year's calendar. */
    public DayKind kindOf(LocalDate date) {
        for (Day holiday : holidays) {
            if (holiday.date().equals(date)) {
                return DayKind.HOLIDAY;
            }
        }
        for (Day workday : workdays) {
            if (workday.date().equals(date)) {
                return DayKind.MAKEUP_WORKDAY;
            }
        }
        return DayKind.ofWeekday(date);
    }

    /** The name of the holiday or make-up workday on {@code date}, if it is one. */
    public String nameOf(LocalDate date) {
        for (Day day : holidays) {
            if (day.date().equals(date)) {
                return day.name();
            }
        }
        for (Day day : workdays) {
            if (day.date().equals(date)) {
                return day.name();
            }
        }
        return null;
    }

    /** The kinds of day the clock knows. */
    public enum DayKind {
        WORKDAY(true), WEEKEND(false), HOLIDAY(false), MAKEUP_WORKDAY(true);

        private final boolean working;

        DayKind(boolean working) {
            this.working = working;
        }

        public boolean working() {
            return working;
        }

        static DayKind ofWeekday(LocalDate date) {
            return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY ? WEEKEND : WORKDAY;
        }
    }
}
