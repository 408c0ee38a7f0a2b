import { Route, Routes } from 'react-router';
import { NotFound } from '../../shared/ui/FullPage';
import { RuleComparePage } from './compare/RuleComparePage';
import { RuleEditorPage } from './editor/RuleEditorPage';
import { RulesListPage } from './RulesListPage';
import { RulesMapPage } from './RulesMapPage';

/** The rules section, loaded on its own: React Flow and the rule language stay out of the main bundle. */
export default function RulesSection() {
  return (
    <Routes>
      <Route index element={<RulesListPage />} />
      <Route path="map" element={<RulesMapPage />} />
      <Route path=":id" element={<RuleEditorPage />} />
      <Route path=":id/compare" element={<RuleComparePage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
