/** One sentence saying what was wrong with the link that opened the page (the page itself still shows). */
export function RouteProblem({ message }: { message: string }) {
  return (
    <p className="banner error route-problem" role="alert" data-testid="route-problem">
      {message}
    </p>
  );
}
