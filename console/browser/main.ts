// The console's one script: what the server-rendered pages cannot do alone.
import { localTimes } from './times';
import { apiForms } from './api-forms';

localTimes(document);
apiForms(document);
