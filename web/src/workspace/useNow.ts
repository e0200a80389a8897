/** The current time, re-read every `everyMs`, for countdowns and "time in state" that tick on screen. */
import { useEffect, useState } from 'react';

export const useNow = (everyMs = 1000): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(h);
  }, [everyMs]);
  return now;
};
