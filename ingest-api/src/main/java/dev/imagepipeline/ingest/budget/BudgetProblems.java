package dev.imagepipeline.ingest.budget;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers a job past its client's budget with {@code 402}, saying the budget, the month so far and the estimate. */
@RestControllerAdvice(basePackages = "dev.imagepipeline.ingest")
class BudgetProblems {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> exceeded(BudgetExceededException ex) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYMENT_REQUIRED, ex.getMessage());
        problem.setTitle("Budget exceeded");
        problem.setProperty("month", ex.month().toString());
        problem.setProperty("budgetUsd", ex.budget());
        problem.setProperty("spentUsd", ex.spent());
        problem.setProperty("reservedUsd", ex.reserved());
        problem.setProperty("estimateUsd", ex.estimate());
        return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).body(problem);
    }
}
