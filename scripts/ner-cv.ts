// Feature comparisons for the entity tagger by K-fold cross-validation over the GMB sentences before
// the held-out ones (which are never read): one dev slice is too small to tell ±0.005 apart from the
// noise of one shuffle. Prints the tagger-alone F1 per fold and epoch, and the mean.
// Run: node bin/run-ts.js scripts/ner-cv.ts [FOLDS=4] [EPOCHS=10]   (NER_COST=0: the plain perceptron)
import { EPOCHS, taggerScore, trainPerceptron } from './ner-train-core.ts';
import { crossValidationFolds, readGmb, requireData } from './train-ner-data.ts';

requireData();
const folds = Number(process.argv[2] ?? 4);
const epochs = Number(process.argv[3] ?? EPOCHS);
const sums = new Array<number>(epochs).fill(0);
for (const [k, { train, test }] of crossValidationFolds(readGmb(), folds).entries()) {
  const line: string[] = [];
  trainPerceptron(train, {
    epochs,
    onEpoch: (e, _errors, averaged) => { const r = taggerScore(test, averaged()); sums[e - 1]! += r.f; line.push(r.f.toFixed(3)); },
  });
  console.log(`fold ${k + 1}: ${line.join(' ')}`);
}
console.log(`mean F1 by epoch: ${sums.map((x) => (x / folds).toFixed(4)).join(' ')}`);
