import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { ChangePasswordPage } from './shared/auth/ChangePasswordPage';
import { ForgotPasswordPage } from './shared/auth/ForgotPasswordPage';
import { ResetPasswordPage } from './shared/auth/ResetPasswordPage';
import { SignInPage } from './shared/auth/SignInPage';
import { RequireSession } from './shared/session';
import { LoadingBlock, NotFound } from './shared/ui/FullPage';
import { RequirePermission } from './access';
import { StudioLayout } from './layout/StudioLayout';
import { AuditPage } from './pages/audit/AuditPage';
import { CardsPage } from './pages/cards/CardsPage';
import { CustomerPage } from './pages/customers/CustomerPage';
import { CustomersPage } from './pages/customers/CustomersPage';
import { HomePage } from './pages/HomePage';
import { RedemptionImportsPage } from './pages/redemptions/RedemptionImportsPage';
import { RedemptionPage } from './pages/redemptions/RedemptionPage';
import { RedemptionReportPage } from './pages/redemptions/RedemptionReportPage';
import { RedemptionsPage } from './pages/redemptions/RedemptionsPage';
import { RewardsPage } from './pages/rewards/RewardsPage';
import { UserPage } from './pages/users/UserPage';
import { UsersPage } from './pages/users/UsersPage';
import { ZonesPage } from './pages/zones/ZonesPage';

const RulesSection = lazy(() => import('./pages/rules/RulesSection'));

export function App() {
  return (
    <Routes>
      <Route path="signin" element={<SignInPage />} />
      <Route path="forgot" element={<ForgotPasswordPage />} />
      <Route path="reset" element={<ResetPasswordPage />} />
      <Route
        element={
          <RequireSession>
            <StudioLayout />
          </RequireSession>
        }
      >
        <Route index element={<HomePage />} />
        <Route
          path="customers"
          element={
            <RequirePermission permission="customers.read">
              <CustomersPage />
            </RequirePermission>
          }
        />
        <Route
          path="customers/:id"
          element={
            <RequirePermission permission="customers.read">
              <CustomerPage />
            </RequirePermission>
          }
        />
        <Route
          path="cards"
          element={
            <RequirePermission permission="cards.manage">
              <CardsPage />
            </RequirePermission>
          }
        />
        <Route
          path="rules/*"
          element={
            <RequirePermission permission="rules.manage">
              <Suspense fallback={<LoadingBlock />}>
                <RulesSection />
              </Suspense>
            </RequirePermission>
          }
        />
        <Route
          path="rewards"
          element={
            <RequirePermission permission={['rewards.manage', 'redemptions.manage']}>
              <RewardsPage />
            </RequirePermission>
          }
        />
        <Route
          path="redemptions"
          element={
            <RequirePermission permission="redemptions.manage">
              <RedemptionsPage />
            </RequirePermission>
          }
        />
        <Route
          path="redemptions/:id"
          element={
            <RequirePermission permission="redemptions.manage">
              <RedemptionPage />
            </RequirePermission>
          }
        />
        <Route
          path="redemption-imports"
          element={
            <RequirePermission permission="redemptions.manage">
              <RedemptionImportsPage />
            </RequirePermission>
          }
        />
        <Route
          path="reports/redemptions"
          element={
            <RequirePermission permission="redemptions.manage">
              <RedemptionReportPage />
            </RequirePermission>
          }
        />
        <Route
          path="accounts"
          element={
            <RequirePermission permission="users.read">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="accounts/:id"
          element={
            <RequirePermission permission="users.read">
              <UserPage />
            </RequirePermission>
          }
        />
        <Route
          path="zones"
          element={
            <RequirePermission permission="zones.manage">
              <ZonesPage />
            </RequirePermission>
          }
        />
        <Route
          path="audit"
          element={
            <RequirePermission permission="audit.read">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route path="password" element={<ChangePasswordPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
