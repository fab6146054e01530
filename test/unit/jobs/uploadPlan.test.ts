import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  EXPIRY_MARGIN_MS,
  expiryProblem,
  FILES_API_MAX_BYTES,
  formatBytes,
  MAX_PART_BYTES,
  planParts,
  planUpload,
  UPLOAD_LIFETIME_MS,
  UPLOADS_API_MAX_BYTES,
} from '../../../src/core/jobs/uploadPlan';

describe('jobs: upload planning', () => {
  it('sends files up to the Files API limit in one request, larger ones in parts', () => {
    assert.deepEqual(planUpload(1), { ok: true, api: 'files' });
    assert.deepEqual(planUpload(FILES_API_MAX_BYTES), { ok: true, api: 'files' });
    const large = planUpload(FILES_API_MAX_BYTES + 1);
    assert.ok(large.ok && large.api === 'uploads');
    assert.equal(large.parts.length, Math.ceil((FILES_API_MAX_BYTES + 1) / MAX_PART_BYTES));
    assert.ok(large.parts.every((part) => part.end - part.start <= MAX_PART_BYTES));
  });

  it('takes an injected threshold and part size (tests use the Uploads API with small files)', () => {
    const route = planUpload(25, { filesApiMaxBytes: 10, partBytes: 10 });
    assert.deepEqual(route, {
      ok: true,
      api: 'uploads',
      parts: [
        { index: 0, start: 0, end: 10 },
        { index: 1, start: 10, end: 20 },
        { index: 2, start: 20, end: 25 },
      ],
    });
  });

  it('refuses an empty file, a file over 8 GB and a size that is not one, with a message', () => {
    for (const bytes of [0, UPLOADS_API_MAX_BYTES + 1, -1, 1.5, Number.NaN]) {
      const route = planUpload(bytes);
      assert.ok(!route.ok, `${bytes} should be refused`);
      assert.ok(route.message.length > 10);
    }
    const huge = planUpload(UPLOADS_API_MAX_BYTES + 1);
    assert.ok(!huge.ok && /8 GB/.test(huge.message));
    assert.ok(planUpload(UPLOADS_API_MAX_BYTES).ok);
  });

  it('refuses a part size over the API limit or under one byte', () => {
    assert.throws(() => planParts(100, MAX_PART_BYTES + 1), RangeError);
    assert.throws(() => planParts(100, 0), RangeError);
  });

  it('parts cover every byte once, in order, none larger than the part size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3_000_000 }), fc.integer({ min: 1, max: 2_000 }), (size, count) => {
        const bytes = size * count - (count > 1 ? Math.floor(size / 2) : 0);
        const parts = planParts(bytes, size);
        let expected = 0;
        parts.forEach((part, index) => {
          assert.equal(part.index, index);
          assert.equal(part.start, expected);
          assert.ok(part.end > part.start && part.end - part.start <= size);
          expected = part.end;
        });
        assert.equal(expected, bytes);
      }),
    );
  });

  describe('the one-hour expiry', () => {
    const total = 4_000_000_000;
    it('says nothing before enough was measured', () => {
      assert.equal(
        expiryProblem({ elapsedMs: 1000, sentBytes: 1, totalBytes: total, lifetimeMs: UPLOAD_LIFETIME_MS }),
        undefined,
      );
    });

    it('says nothing when the measured pace finishes in time', () => {
      // 1 GB a minute: 4 GB in 4 minutes.
      const pace = { elapsedMs: 60_000, sentBytes: 1_000_000_000, totalBytes: total, lifetimeMs: UPLOAD_LIFETIME_MS };
      assert.equal(expiryProblem(pace), undefined);
    });

    it('stops early, with the measured rate and the projection, when the pace cannot make it', () => {
      // 64 MB a minute: 4 GB would take about 63 minutes.
      const message = expiryProblem({
        elapsedMs: 60_000,
        sentBytes: 64_000_000,
        totalBytes: total,
        lifetimeMs: UPLOAD_LIFETIME_MS,
      });
      assert.ok(message !== undefined);
      assert.match(message, /1\.1 MB\/s/);
      assert.match(message, /63 minutes/);
      assert.match(message, /60 minutes after it starts/);
    });

    it('keeps a margin for completing the upload', () => {
      // Projected to finish one minute before expiry: inside the margin, so it stops.
      const lifetimeMs = UPLOAD_LIFETIME_MS;
      const finishAt = lifetimeMs - EXPIRY_MARGIN_MS / 2;
      const elapsedMs = finishAt / 2;
      const message = expiryProblem({ elapsedMs, sentBytes: total / 2, totalBytes: total, lifetimeMs });
      assert.ok(message !== undefined);
    });

    it('stops when the time is up whatever the pace', () => {
      const message = expiryProblem({
        elapsedMs: UPLOAD_LIFETIME_MS - 1000,
        sentBytes: total - 1,
        totalBytes: total,
        lifetimeMs: UPLOAD_LIFETIME_MS,
      });
      assert.match(message ?? '', /not finished after 60 minutes/);
    });

    it('has nothing to say once every byte is sent', () => {
      assert.equal(
        expiryProblem({
          elapsedMs: UPLOAD_LIFETIME_MS,
          sentBytes: total,
          totalBytes: total,
          lifetimeMs: UPLOAD_LIFETIME_MS,
        }),
        undefined,
      );
    });
  });

  it('formats sizes in the decimal units of the API limits', () => {
    assert.equal(formatBytes(FILES_API_MAX_BYTES), '512 MB');
    assert.equal(formatBytes(UPLOADS_API_MAX_BYTES), '8 GB');
    assert.equal(formatBytes(1_500_000_000), '1.5 GB');
    assert.equal(formatBytes(999), '999 bytes');
  });
});
