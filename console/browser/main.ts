// The console's one script: what the server-rendered pages cannot do alone.
import { localTimes } from './times';
import { apiForms } from './api-forms';
import { copyButtons } from './copy';
import { shownWhen } from './shown-when';
import { runProgress } from './progress';

localTimes(document);
apiForms(document);
copyButtons(document);
shownWhen(document);
runProgress(document);
