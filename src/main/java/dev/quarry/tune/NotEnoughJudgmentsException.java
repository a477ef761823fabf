package dev.quarry.tune;

/** Too few judged queries to learn from and still hold some out: says how many more are needed. */
public final class NotEnoughJudgmentsException extends RuntimeException {

    public NotEnoughJudgmentsException(int usable, int needed, int skipped) {
        super("tuning needs at least " + needed + " judged queries with a relevant document in the collection; it has "
                + usable + (skipped > 0 ? " (" + skipped + " more name only documents it does not hold)" : "")
                + ": judge " + (needed - usable) + " more");
    }
}
