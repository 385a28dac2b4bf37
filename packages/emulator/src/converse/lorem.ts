const WORDS = (
  "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna " +
  "aliqua ut enim ad minim veniam quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat " +
  "duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur excepteur " +
  "sint occaecat cupidatat non proident sunt in culpa qui officia deserunt mollit anim id est laborum"
).split(" ");

/** `count` words of lorem ipsum in sentences of 6–14 words, deterministic for a given `random`. */
export function loremText(count: number, random: () => number): string {
  const sentences: string[] = [];
  let left = count;
  let index = Math.floor(random() * WORDS.length);
  while (left > 0) {
    const n = Math.min(left, 6 + Math.floor(random() * 9));
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(WORDS[index++ % WORDS.length]!);
    const sentence = words.join(" ");
    sentences.push(sentence[0]!.toUpperCase() + sentence.slice(1) + ".");
    left -= n;
  }
  return sentences.join(" ");
}
