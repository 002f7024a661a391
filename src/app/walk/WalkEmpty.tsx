/** The walk view before any DMA: its own tiny module, so the Walk tab shows it without the walk player's chunk. */
export function WalkEmpty() {
  return (
    <section className="walk-view is-empty" aria-label="Translation walk">
      <p>No DMA yet. Issue a DMA from a device to see the IOMMU walk its tables, step by step.</p>
    </section>
  );
}
