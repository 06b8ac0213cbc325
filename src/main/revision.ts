// One counter for every transfer snapshot and local registry status main sends: a larger rev
// is newer, whichever way (event or call answer) it arrived, so stores compare one number.
// It never runs behind the clock, so a restarted main (web mode) keeps counting up.
let last = 0

export function nextRev(): number {
  last = Math.max(last + 1, Date.now())
  return last
}
