import { shout } from "@basic/utils";

export function banner(title) {
  return `<h1>${shout(title)}</h1>`;
}
