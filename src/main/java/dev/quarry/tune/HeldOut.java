package dev.quarry.tune;

/** Mean nDCG@10 and Recall@100 over queries a run did not learn from. */
public record HeldOut(double ndcg10, double recall100) {
}
