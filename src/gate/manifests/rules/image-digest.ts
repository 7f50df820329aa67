/** Every container image is pinned by digest (`repo@sha256:…`): a tag can be moved to other bytes after review. */
import type { GateRule } from '../model.ts';
import { str } from '../json.ts';
import { isDigest, parseImageRef } from '../image-ref.ts';
import { describeContainer } from '../security-context.ts';
import { workloadFinding } from './finding.ts';

export const imageDigest: GateRule = {
  id: 'image-digest',
  category: 'supply-chain',
  severity: 'fail',
  title: 'Images are pinned by digest',
  fix: 'write the image as repository@sha256:<digest> (gocross image prints the digest it built)',
  crosswalk: { kubeScore: 'container-image-tag', kubeLinter: 'latest-tag', polaris: 'tagNotSpecified', checkov: 'CKV_K8S_43' },
  evaluate: (facts) =>
    facts.workloads.flatMap((w) =>
      w.containers.flatMap((c) => {
        const image = str(c.body, ['image']);
        const who = describeContainer(c);
        if (image === undefined || image.trim() === '') return [workloadFinding(w, 'fail', `${who} names no image`, c.path, c)];
        const ref = parseImageRef(image);
        if (ref.digest !== undefined && isDigest(ref.digest)) return [];
        const why = ref.digest !== undefined ? `its digest ${ref.digest} is not sha256:<64 hex> or sha512:<128 hex>` : ref.tag === undefined || ref.tag === 'latest' ? 'it uses the latest tag' : `it uses the tag ${ref.tag}, which can be moved`;
        return [workloadFinding(w, 'fail', `${who} image ${image} is not pinned by digest: ${why}`, [...c.path, 'image'], c)];
      }),
    ),
};
