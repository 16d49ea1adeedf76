"""Figures as the tables in docs/performance.md print them: the median and the spread of repeated runs."""

import statistics


def ms(seconds):
    return f"{seconds * 1000:.1f}"


def spread(samples):
    """Median, interquartile range, minimum and maximum of timings in seconds, as milliseconds."""
    quartiles = statistics.quantiles(samples, n=4) if len(samples) > 1 else [samples[0]] * 3
    return {
        "median": ms(statistics.median(samples)),
        "iqr": f"{ms(quartiles[0])}–{ms(quartiles[2])}",
        "min": ms(min(samples)),
        "max": ms(max(samples)),
    }


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def table(title, columns, rows):
    """A Markdown table: columns are (key, heading) pairs, rows are dicts."""
    lines = [f"\n### {title}\n", "| " + " | ".join(heading for _key, heading in columns) + " |"]
    lines.append("|" + "|".join("---" for _column in columns) + "|")
    lines.extend("| " + " | ".join(str(row.get(key, "")) for key, _heading in columns) + " |" for row in rows)
    return "\n".join(lines)
