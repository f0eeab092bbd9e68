# Shared by the benchmark scripts (sourced): wall time of a command, and the median of a list of numbers.

# seconds CMD...: runs CMD with its output discarded and prints the seconds it took.
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); awk -v e="$end" -v s="$start" 'BEGIN { print e - s }'; }

# ratio A B: A / B with three decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

# median N...: the median of its arguments.
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
