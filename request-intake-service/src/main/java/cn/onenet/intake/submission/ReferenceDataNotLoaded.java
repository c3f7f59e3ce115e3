package cn.onenet.intake.submission;

/** Intake has not yet read the catalogue it validates against, so it can accept nothing yet. */
public class ReferenceDataNotLoaded extends RuntimeException {

    public ReferenceDataNotLoaded() {
        super("Intake has not loaded the catalogue of categories and communities yet; try again in a few seconds.");
    }
}
