import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useLiveCustomer } from '@lealtad/studio/shared/realtime.tsx';
import type { LiveCustomer } from '@lealtad/studio/shared/realtime.tsx';

const ProfileContext = createContext<LiveCustomer | null>(null);

/**
 * The signed-in customer's profile, loaded once for every portal page, with the balance kept
 * current by the live `points:changed` events.
 */
export function ProfileProvider({ children }: { children: ReactNode }) {
  const profile = useLiveCustomer('/api/me/profile', 'self');
  return <ProfileContext value={profile}>{children}</ProfileContext>;
}

export function useProfile(): LiveCustomer {
  const value = useContext(ProfileContext);
  if (!value) throw new Error('useProfile needs a <ProfileProvider>.');
  return value;
}
