import { Route, Routes } from 'react-router';
import { ChangePasswordPage } from '@lealtad/studio/shared/auth/ChangePasswordPage.tsx';
import { ForgotPasswordPage } from '@lealtad/studio/shared/auth/ForgotPasswordPage.tsx';
import { ResetPasswordPage } from '@lealtad/studio/shared/auth/ResetPasswordPage.tsx';
import { SignInPage } from '@lealtad/studio/shared/auth/SignInPage.tsx';
import { RequireSession } from '@lealtad/studio/shared/session.tsx';
import { NotFound } from '@lealtad/studio/shared/ui/FullPage.tsx';
import { CardPage } from './CardPage';
import { HomePage } from './HomePage';
import { MovementsPage } from './MovementsPage';
import { MyRedemptionPage } from './MyRedemptionPage';
import { MyRedemptionsPage } from './MyRedemptionsPage';
import { PortalLayout } from './PortalLayout';
import { ProfilePage } from './ProfilePage';
import { RewardPage } from './RewardPage';
import { RewardsPage } from './RewardsPage';

export function App() {
  return (
    <Routes>
      <Route path="signin" element={<SignInPage />} />
      <Route path="forgot" element={<ForgotPasswordPage />} />
      <Route path="reset" element={<ResetPasswordPage />} />
      <Route
        element={
          <RequireSession>
            <PortalLayout />
          </RequireSession>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="rewards" element={<RewardsPage />} />
        <Route path="rewards/:id" element={<RewardPage />} />
        <Route path="redemptions" element={<MyRedemptionsPage />} />
        <Route path="redemptions/:id" element={<MyRedemptionPage />} />
        <Route path="movements" element={<MovementsPage />} />
        <Route path="card" element={<CardPage />} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="password" element={<ChangePasswordPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
