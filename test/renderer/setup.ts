// Renderer tests wait up to 5 s for what a page shows (testing-library's default is 1 s): the same margin on a loaded
// CI machine as the test time limits.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 15_000 });
