/* Printing the result. */

/** Methods of the estimator app (mixed into EstimatorApp). */
export class PrintView {
  printResult() {
    window.print();
  }
}
