import SignalStats
print("bench")
