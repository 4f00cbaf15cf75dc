// Word mending (src/generate/local/mend.ts): OCR's joined, split and misshapen words are mended against the UI words
// and the design's own sure words; known words, numbers, prices, emails, URLs and names stay as read.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mendLines, mendText, Vocabulary } from '../src/generate/local/mend.js';

const line = (text: string, confidence = 88) => ({ text, confidence });
const mend = (text: string, others: string[] = [], confidence = 88) => {
  const lines = [line(text, confidence), ...others.map((t) => line(t, 95))];
  return mendText(lines[0], new Vocabulary(lines));
};

describe('word mending', () => {
  it('splits words OCR joined when both halves are known', () => {
    assert.equal(mend('Signin'), 'Sign in');
    assert.equal(mend('Signin to your account'), 'Sign in to your account');
    assert.equal(mend('forgotpassword?'), 'forgot password?');
    assert.equal(mend('accountlogin'), 'account login');
    assert.equal(mend('Contactus'), 'Contact us');
    assert.equal(mend('3. Ayear of visual regression tests', [], 66), '3. A year of visual regression tests');
  });

  it('splits a join whose longer half needs one letter mended', () => {
    assert.equal(mend('accountlpgin'), 'account login');
  });

  it('mends letter shapes OCR confuses', () => {
    assert.equal(mend('leam more'), 'learn more');
    assert.equal(mend('Halic'), 'Italic');
    assert.equal(mend('Undedine', [], 78), 'Underline');
    assert.equal(mend('Iogin'), 'login');
    assert.equal(mend('Dashboarcl'), 'Dashboard');
    assert.equal(mend('SETTlNGS'), 'SETTINGS');
  });

  it('mends the misreads tesseract made on the bench designs, word by word with their confidence', () => {
    const read = (words: Array<[string, number]>) => ({ text: words.map((w) => w[0]).join(' '), confidence: 80, words: words.map(([text, confidence]) => ({ text, confidence })) });
    const lines = [
      read([['Already', 96], ['has', 96], ['an', 93], ['accountlpgin', 60]]),
      read([['Leam', 83], ['More', 96]]),
    ];
    assert.deepEqual(mendLines(lines).map((l) => l.text), ['Already has an account login', 'Learn More']);
  });

  it('leaves words tesseract is sure of, listed or not (real words the list lacks)', () => {
    const read = (words: Array<[string, number]>) => ({ text: words.map((w) => w[0]).join(' '), confidence: 95, words: words.map(([text, confidence]) => ({ text, confidence })) });
    for (const words of [
      [['Light:', 96], ['Moderate', 96]],
      [['Learn', 96], ['how', 96], ['to', 96], ['properly', 96], ['sort', 96], ['household', 96]],
      [['Wide', 90], ['Aperture', 96], ['Lens', 95]],
      [['the', 96], ['devious', 96], ['intentions', 96], ['behind', 96]],
      [['While', 81], ['the', 96], ['area', 96], ['is', 96], ['notable', 96], ['for', 96], ['the', 96], ['underwater', 96]],
      [['Zorblax', 96], ['Quintessa', 93]],
    ] as Array<Array<[string, number]>>) {
      const line = read(words);
      assert.equal(mendText(line, new Vocabulary([line])), line.text);
    }
  });

  it('joins two unknown halves into a known word', () => {
    assert.equal(mend('Sub mit'), 'Submit');
    assert.equal(mend('Pass word'), 'Pass word');
  });

  it('mends toward a word the same design reads with confidence elsewhere', () => {
    // "Wavelet" is no listed word: read once surely, it is the word a misread "Wavelct" was.
    assert.equal(mend('Wavelct Studio', ['Wavelet']), 'Wavelet Studio');
    assert.equal(mend('Wavelct Studio'), 'Wavelct Studio');
  });

  it('keeps known words, numbers, prices, emails, URLs and names as read', () => {
    for (const text of [
      'Sign in', 'Password', 'Checkout', 'Newsletter', 'Today', 'Within', 'Another', 'Update', 'Welcome back',
      '$19.99', '1,280', '12:30', '3rd', 'hello@acme.io', 'www.example.com', 'https://acme.io/docs',
      'GitHub', 'iPhone', 'McDonald', 'Zurich', 'Kaveh', 'Jenna Ortega', 'ACME', 'FAQ', 'API', 'Lorem ipsum dolor sit amet',
      'Theme', 'Plugin', 'Backup', 'Mockups', 'Inbox', 'Offshare', 'Forgotpassword', 'Aboard', 'Amid', 'Away', 'Aside',
    ]) assert.equal(mend(text), text, text);
  });

  it('keeps spacing, punctuation and case around a mended word', () => {
    assert.equal(mend('(Signin)'), '(Sign in)');
    assert.equal(mend('Name      Leam'), 'Name      Learn');
    assert.equal(mend('SIGNIN'), 'SIGN IN');
  });

  it('mends lines, returning the same object when nothing changes', () => {
    const lines = [line('Signin'), line('Pricing')];
    const mended = mendLines(lines);
    assert.equal(mended[0].text, 'Sign in');
    assert.equal(mended[1], lines[1]);
  });

  it('trusts a word the design reads surely: an unsure reading of it elsewhere stays', () => {
    const lines = [
      { text: 'Zorblax', confidence: 95, words: [{ text: 'Zorblax', confidence: 95 }] },
      { text: 'Zorblax', confidence: 70, words: [{ text: 'Zorblax', confidence: 70 }] },
    ];
    assert.deepEqual(mendLines(lines).map((l) => l.text), ['Zorblax', 'Zorblax']);
  });
});
