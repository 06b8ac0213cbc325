import { useState } from 'react'

/** Busy while `work` runs (the button that started it stays disabled), whatever it returns or throws. */
export function useBusy(): { busy: boolean; during<T>(work: () => Promise<T>): Promise<T> } {
  const [busy, setBusy] = useState(false)
  const during = async <T,>(work: () => Promise<T>): Promise<T> => {
    setBusy(true)
    try {
      return await work()
    } finally {
      setBusy(false)
    }
  }
  return { busy, during }
}
