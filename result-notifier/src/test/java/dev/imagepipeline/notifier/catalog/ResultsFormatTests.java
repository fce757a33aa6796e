package dev.imagepipeline.notifier.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.web.job.JobStatus;

class ResultsFormatTests {

    @Nested
    class QuotesCsvAsRfc4180Has {

        @Test
        void leavingAPlainFieldAsItIs() {
            assertThat(ResultsFormat.quoted("SKU-1 blue")).isEqualTo("SKU-1 blue");
            assertThat(ResultsFormat.quoted(null)).isEmpty();
        }

        @Test
        void quotingAFieldWithACommaOrALineBreak() {
            assertThat(ResultsFormat.quoted("mug, blue")).isEqualTo("\"mug, blue\"");
            assertThat(ResultsFormat.quoted("two\nlines")).isEqualTo("\"two\nlines\"");
            assertThat(ResultsFormat.quoted("cr\rhere")).isEqualTo("\"cr\rhere\"");
        }

        @Test
        void doublingQuotesInsideAQuotedField() {
            assertThat(ResultsFormat.quoted("the \"best\" mug")).isEqualTo("\"the \"\"best\"\" mug\"");
        }

        @Test
        void writingARecordWithItsImagesSeparatedBySpacesAndEndedByCrlf() {
            var job = UUID.fromString("0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b");
            var item = new Item(CatalogId.random(), 0, job, "A,1", 7, JobStatus.COMPLETED,
                    List.of("http://x/a.png", "http://x/b.png"), null, null, null, new BigDecimal("0.006"), true, null);

            assertThat(ResultsFormat.csvRecord(item)).isEqualTo(
                    "\"A,1\",0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b,7,completed,http://x/a.png http://x/b.png,,,true,0.006\r\n");
        }
    }

    @Nested
    class ChoosesTheFormat {

        @Test
        void byName() {
            assertThat(ResultsFormat.named("CSV")).contains(ResultsFormat.CSV);
            assertThat(ResultsFormat.named("ndjson")).contains(ResultsFormat.NDJSON);
            assertThat(ResultsFormat.named("xml")).isEmpty();
        }

        @Test
        void byAcceptWithNdjsonUnlessCsvIsPreferred() {
            assertThat(ResultsFormat.accepted(null)).isEqualTo(ResultsFormat.NDJSON);
            assertThat(ResultsFormat.accepted("*/*")).isEqualTo(ResultsFormat.NDJSON);
            assertThat(ResultsFormat.accepted("text/csv")).isEqualTo(ResultsFormat.CSV);
            assertThat(ResultsFormat.accepted("text/*")).isEqualTo(ResultsFormat.CSV);
            assertThat(ResultsFormat.accepted("application/x-ndjson;q=0.5, text/csv")).isEqualTo(ResultsFormat.CSV);
            assertThat(ResultsFormat.accepted("text/csv;q=0.2, application/x-ndjson")).isEqualTo(ResultsFormat.NDJSON);
            assertThat(ResultsFormat.accepted("text/csv;q=0, */*")).isEqualTo(ResultsFormat.NDJSON);
            assertThat(ResultsFormat.accepted("not a media type")).isEqualTo(ResultsFormat.NDJSON);
        }
    }
}
