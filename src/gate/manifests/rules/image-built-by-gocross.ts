/**
 * The digest a manifest pins is one gocross built (the image index, or the image for the pod's
 * platform), and an SBOM is attached to that image and names it. Runs only when the facts include
 * what gocross built (--manifest or --image-index). Images of other repositories (sidecars) are
 * left alone when the builder recorded its repositories; otherwise each workload must run at least
 * one image gocross built.
 */
import type { BuiltImages, GateFinding, GateRule, Workload } from '../model.ts';
import { str } from '../json.ts';
import { parseImageRef } from '../image-ref.ts';
import { describeContainer } from '../security-context.ts';
import { workloadFinding } from './finding.ts';

function platformsOf(w: Workload): { os?: string; arch?: string } {
  const selector = w.podSpec.nodeSelector;
  return { os: str(selector, ['kubernetes.io/os']), arch: str(selector, ['kubernetes.io/arch']) };
}

function checkWorkload(w: Workload, built: BuiltImages): GateFinding[] {
  const repos = new Set(built.repositories.map((r) => parseImageRef(r).repository));
  const all = new Set([...built.indexDigests, ...built.images.map((i) => i.digest)]);
  const findings: GateFinding[] = [];
  let ours = 0;
  const { os, arch } = platformsOf(w);
  for (const c of w.containers) {
    const image = str(c.body, ['image']);
    if (image === undefined) continue;
    const ref = parseImageRef(image);
    const path = [...c.path, 'image'];
    const who = describeContainer(c);
    if (repos.size > 0 && !repos.has(ref.repository)) continue;
    if (ref.digest === undefined) {
      if (repos.size > 0) findings.push(workloadFinding(w, 'fail', `${who} runs ${image} by tag; gocross built ${[...all].join(', ')} (pin one of them)`, path, c));
      continue;
    }
    if (!all.has(ref.digest)) {
      if (repos.size > 0) findings.push(workloadFinding(w, 'fail', `${who} pins ${ref.digest}, which gocross did not build (${built.source} records ${[...all].join(', ') || 'no image'})`, path, c));
      continue;
    }
    ours++;
    const platformImages = built.indexDigests.includes(ref.digest) ? built.images : built.images.filter((i) => i.digest === ref.digest);
    const wrongPlatform = platformImages.find((i) => i.digest === ref.digest && ((os && !i.platform.startsWith(`${os}/`)) || (arch && i.platform.split('/')[1] !== arch)));
    if (wrongPlatform) findings.push(workloadFinding(w, 'fail', `${who} pins the ${wrongPlatform.platform} image, but the pod is scheduled on ${os ?? '*'}/${arch ?? '*'}`, path, c));
    for (const i of platformImages.filter((i) => (!os || i.platform.startsWith(`${os}/`)) && (!arch || i.platform.split('/')[1] === arch))) {
      const sboms = i.sboms.filter((s) => s.subject === i.digest);
      if (sboms.length === 0) findings.push(workloadFinding(w, 'fail', `${who}: the ${i.platform} image ${i.digest} has no SBOM naming it in ${built.source}`, path, c));
      for (const s of sboms.filter((s) => !s.present)) findings.push(workloadFinding(w, 'fail', `${who}: the SBOM of the ${i.platform} image (${s.where}) is missing`, path, c));
    }
  }
  if (repos.size === 0 && ours === 0 && w.containers.length > 0) {
    const first = w.containers[0]!;
    findings.push(workloadFinding(w, 'fail', `no container runs an image gocross built (${built.source} records ${[...all].join(', ') || 'no image'})`, [...first.path, 'image'], first));
  }
  return findings;
}

export const imageBuiltByGocross: GateRule = {
  id: 'image-built-by-gocross',
  category: 'supply-chain',
  severity: 'fail',
  title: 'Pinned digests are the images gocross built, each with its SBOM',
  fix: 'pin the digest from dist/manifest.json (or the OCI index gocross wrote) and publish its SBOM with gocross image',
  crosswalk: {},
  evaluate: (facts) => (facts.built ? facts.workloads.flatMap((w) => checkWorkload(w, facts.built as BuiltImages)) : []),
};
